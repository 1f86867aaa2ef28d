package io.audiohook.connector.call;

/** Creates the backend side of a real call; never asked for connection probes. */
public interface CallListenerFactory {

    CallListener create(CallInfo call, CallControl control);
}
