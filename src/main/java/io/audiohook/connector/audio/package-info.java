/**
 * Audio plumbing for AudioHook binary frames: sample formats, G.711 µ-law and little-endian
 * 16-bit PCM conversion, de-interleaving of multi-channel frames, AudioHook duration strings and
 * the mapping between received samples and the client's stream position; and the other side, what
 * the recognizer is sent ({@link io.audiohook.connector.audio.RecognizerEncoding}): µ-law as it came,
 * or LINEAR16 at 8 or 16 kHz, converted per channel by {@link io.audiohook.connector.audio.RecognizerAudio}
 * with a band-limited 2× interpolator ({@link io.audiohook.connector.audio.Upsampler2x}).
 *
 * <p>Plain JDK code on purpose: it sits on the per-frame hot path of every call, so it must not
 * allocate per sample, box, or log, and it must be testable without a container.
 *
 * <p>Worth measuring later (JMH, outside the unit tests): {@code ChannelSplitter.split} into reused
 * buffers plus {@code MuLaw.decode} for a 3200-byte stereo PCMU frame, against the budget of about
 * 5000 such frames per second on 2 vCPUs, and the allocation rate of that path (expected zero).
 */
package io.audiohook.connector.audio;
