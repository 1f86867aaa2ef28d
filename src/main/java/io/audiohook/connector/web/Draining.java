package io.audiohook.connector.web;

/** Whether this instance is stopping: new upgrades are then refused (the drain itself lives in {@code app}). */
public interface Draining {
    boolean draining();
}
