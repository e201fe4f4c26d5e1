package dev.remotecache.client;

import jakarta.annotation.Nullable;
import java.time.Duration;

/**
 * What a download found, besides the bytes it wrote where it was told to.
 *
 * @param size how many bytes were written
 * @param duration the duration the artifact was uploaded with ({@code x-artifact-duration}), or
 *     {@code null} when the server sent none
 * @param tag the tag it was uploaded with ({@code x-artifact-tag}), or {@code null} when it had
 *     none
 */
public record ArtifactDownload(long size, @Nullable Duration duration, @Nullable String tag) {}
