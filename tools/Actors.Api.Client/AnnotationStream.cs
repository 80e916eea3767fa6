using System.Runtime.CompilerServices;
using Actors.Api.V1;
using Grpc.Core;

namespace Actors.Api.Client;

/// <summary>
/// Watching a document's annotations through the gateway as a long-lived client should: when a stream ends with
/// <c>UNAVAILABLE</c> — it reached the gateway's maximum stream lifetime, the gateway is shutting down, the
/// connection broke — it watches again after the last sequence it passed on, so the caller sees every event once,
/// in order, across any number of streams.
/// </summary>
public static class AnnotationStream
{
    /// <summary>
    /// The document's events after <paramref name="afterSequence"/> (negative: start with a snapshot), until
    /// <paramref name="cancellationToken"/> is cancelled or the gateway refuses with anything but <c>UNAVAILABLE</c>
    /// (which is thrown). Each (re)subscription gets fresh call options from <paramref name="options"/> (a token
    /// may have been renewed meanwhile). A snapshot split over several messages is passed on whole or, if its stream
    /// breaks half way, not at all: the next stream sends it again. Gives up after
    /// <paramref name="maxConsecutiveFailures"/> streams in a row that ended without passing anything on.
    /// </summary>
    public static async IAsyncEnumerable<AnnotationEvent> WatchResumingAsync(
        this DocumentService.DocumentServiceClient documents,
        string documentId,
        long afterSequence,
        Func<CancellationToken, CallOptions> options,
        int maxConsecutiveFailures = 10,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var last = afterSequence;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new WatchAnnotationsRequest { DocumentId = documentId };
            if (last >= 0)
            {
                request.AfterSequence = last;
            }

            using var call = documents.WatchAnnotations(request, options(cancellationToken));
            var snapshotParts = new List<AnnotationEvent>();
            var progressed = false;
            var stream = call.ResponseStream;
            while (true)
            {
                try
                {
                    if (!await stream.MoveNext(cancellationToken))
                    {
                        break;
                    }
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var next = stream.Current;
                if (next.Kind == AnnotationEventKind.Snapshot)
                {
                    snapshotParts.Add(next);
                    if (next.SnapshotContinues)
                    {
                        continue;
                    }

                    foreach (var part in snapshotParts)
                    {
                        yield return part;
                    }

                    snapshotParts.Clear();
                }
                else
                {
                    yield return next;
                }

                last = next.Sequence;
                progressed = true;
            }

            failures = progressed ? 0 : failures + 1;
            if (failures >= maxConsecutiveFailures)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"Watching document '{documentId}' failed {failures} times in a row without an event."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2_000, 50 * (1 << Math.Min(failures, 6)))), cancellationToken);
        }
    }
}
