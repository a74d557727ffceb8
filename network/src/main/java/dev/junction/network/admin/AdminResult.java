package dev.junction.network.admin;

/** What an admin action did: the HTTP status to answer with and a one-line message for the operator. */
public record AdminResult(int httpStatus, String message)
{
}
