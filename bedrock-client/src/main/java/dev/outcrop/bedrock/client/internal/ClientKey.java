package dev.outcrop.bedrock.client.internal;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * What an SDK client is built for: a signing region and an endpoint. Locations with the same pair share
 * one client (and its connections), whatever their credentials.
 *
 * @param endpoint the endpoint override, or null for AWS's own endpoint of the region
 */
public record ClientKey(String region, URI endpoint) {
    public ClientKey {
        requireNonNull(region, "region is null");
    }
}
