package dev.outcrop.core.internal.dispatch;


/** What a call counts against: its account, its location and, for adaptive throttling, its model. */
public record CallKey(String accountName, String locationId, String locationName, String model) {
}
