package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;

/**
 * Where a participant's StreamingAnalyzeContent calls go: in production {@link GrpcStreamTransport} over the
 * channel pool; in unit tests a double the test drives.
 */
interface StreamTransport {

    /**
     * Starts one call; nothing is sent yet. Callbacks arrive on transport threads, each at most once for the end.
     *
     * @throws RuntimeException when no call can be made at all (the clients are closed)
     */
    Call open(Callbacks callbacks);

    /** One StreamingAnalyzeContent call. */
    interface Call {
        /** @throws RuntimeException when the call refuses the message (it failed; {@code onError} follows) */
        void send(StreamingAnalyzeContentRequest request);

        /** The transport takes more now; false while the call waits for a slot on its connection, too. */
        boolean isReady();

        void halfClose();

        /** Ends the call at once; {@code onError} with {@code CANCELLED} follows. */
        void cancel();

        /** The call never became ready: its connection carries fewer streams than we thought. */
        void stalled();
    }

    interface Callbacks {
        void onResponse(StreamingAnalyzeContentResponse response);

        void onError(Throwable error);

        void onComplete();
    }
}
