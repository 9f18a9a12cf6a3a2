package io.tether.reward.labels;

/**
 * One label as read from a file.
 *
 * @param pairId the comparison it labels
 * @param choice the verdict
 * @param where where it was read, for messages ({@code labels.jsonl line 4}, {@code export.json
 *     task 12})
 */
public record Label(String pairId, Choice choice, String where) {}
