using System.Runtime.CompilerServices;
using Actors.Contracts.Errors;

namespace Actors.Contracts.Documents;

/// <summary>
/// Client-side watching of a document's annotations that survives the document moving or restarting: what a
/// gRPC gateway's server-streaming call needs. Use it from an Orleans client, not from inside a grain.
/// </summary>
public static class AnnotationWatch
{
    /// <summary>
    /// Yields the document's annotation events after <paramref name="afterSequence"/> in sequence order, without
    /// gaps or repeats, until <paramref name="cancellationToken"/> is cancelled. When the underlying stream breaks
    /// (the document deactivated or moved, a silo died, a call timed out) it subscribes again from the last
    /// sequence number it yielded, so the document replays what was missed, or starts over with a
    /// <see cref="AnnotationEventKind.Snapshot"/> if it no longer holds those changes. Domain errors (access
    /// denied, no such document) and a token the silo refused (<see cref="UnauthenticatedException"/>: it expired) end
    /// the stream at once; after <paramref name="maxConsecutiveFailures"/> failed
    /// attempts in a row without an event, the last error does.
    /// </summary>
    public static async IAsyncEnumerable<AnnotationEvent> WatchResumingAsync(
        this IDocumentGrain document,
        Caller caller,
        long afterSequence,
        int maxConsecutiveFailures = 10,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var last = afterSequence;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = document.WatchAnnotations(caller, last, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    AnnotationEvent next;
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            break; // the document ended the stream (it is deactivating): subscribe again
                        }

                        next = events.Current;
                    }
                    catch (Exception e) when (e is not (DomainException or UnauthenticatedException) && !cancellationToken.IsCancellationRequested)
                    {
                        // A grain deactivation surfaces here as EnumerationAbortedException or as a cancellation of
                        // the remote enumerator; a dead silo as a timeout or a rejected message. All are resumable.
                        if (++failures >= maxConsecutiveFailures)
                        {
                            throw;
                        }

                        await Task.Delay(Backoff(failures), cancellationToken);
                        break;
                    }

                    if (next.Kind != AnnotationEventKind.Snapshot && next.Sequence <= last)
                    {
                        continue; // already yielded (a replay overlapping what we had)
                    }

                    if (next.Kind != AnnotationEventKind.Snapshot && next.Sequence != last + 1)
                    {
                        // Something went missing in between: ask again from what we have; the document replays it.
                        if (++failures >= maxConsecutiveFailures)
                        {
                            throw new InvalidOperationException($"Annotation events of document '{document.GetPrimaryKeyString()}' keep arriving out of order: expected {last + 1}, got {next.Sequence}.");
                        }

                        break;
                    }

                    failures = 0;
                    last = next.Sequence;
                    yield return next;
                }
            }
            finally
            {
                await events.DisposeAsync();
            }
        }
    }

    private static TimeSpan Backoff(int failures)
        => TimeSpan.FromMilliseconds(Math.Min(5_000, 50 * Math.Pow(2, Math.Min(failures, 10))));
}
