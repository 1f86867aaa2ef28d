package io.audiohook.connector.web.api;

/** Every error body of the API, shaped like the UI connector's: {@code {"message": "..."}}. */
public record ApiMessage(String message) {
    static final ApiMessage UNAUTHORIZED = new ApiMessage("unauthorized");
    static final ApiMessage NOT_FOUND = new ApiMessage("not found");
}
