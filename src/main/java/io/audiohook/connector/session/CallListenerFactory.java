package io.audiohook.connector.session;

/** Creates the backend side of a real call; never asked for connection probes. */
public interface CallListenerFactory {

    CallListener create(CallInfo call, CallControl control);
}
