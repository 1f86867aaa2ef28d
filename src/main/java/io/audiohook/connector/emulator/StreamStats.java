package io.audiohook.connector.emulator;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.grpc.Status;

/**
 * One StreamingAnalyzeContent stream of a participant.
 *
 * @param number the stream's place among all streams since start, from 1
 * @param sampleRateHertz what the configuration declared ({@code encoding} and it say how the audio was read)
 * @param audioBytes as received, in the declared encoding
 * @param outcome how it ended: {@code OK} after the client's half-close, the error code otherwise
 *        ({@code CANCELLED} when the client went away); null while it is open
 */
public record StreamStats(long number, String languageCode, String model, AudioEncoding encoding,
        int sampleRateHertz, long audioBytes, int utterancesFinalized, Status.Code outcome) {
}
