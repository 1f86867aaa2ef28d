/**
 * Retrying: one backoff policy with jitter for every retry in the code base (Dialogflow streams and setup,
 * Redis publishing). Plain Java, no framework.
 */
package io.audiohook.connector.retry;
