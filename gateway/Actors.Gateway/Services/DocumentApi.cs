using Actors.Api.V1;
using Actors.Contracts.Documents;
using Actors.Gateway.Auth;
using Actors.Gateway.Mapping;
using Actors.Gateway.Resilience;
using Actors.Gateway.Watching;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Annotation = Actors.Api.V1.Annotation;
using AnnotationEvent = Actors.Api.V1.AnnotationEvent;

namespace Actors.Gateway.Services;

/// <summary>
/// <c>actors.v1.DocumentService</c> on <see cref="IDocumentGrain"/>. Everything is retried on silo loss — an edit only
/// when it carries a request id, since each edit is a new change; the watch resumes across silo loss from the last
/// sequence it sent (<see cref="AnnotationWatch"/>), is bounded in number per user and in lifetime
/// (<see cref="WatchOptions"/>), and ends when the token it was opened with expires (<see cref="TokenDeadline"/>).
/// </summary>
internal sealed class DocumentApi(
    GrainCalls grains, WatchSlots watchSlots, IOptions<WatchOptions> watchOptions, IHostApplicationLifetime lifetime, TimeProvider time)
    : DocumentService.DocumentServiceBase
{
    /// <summary>What a client reads when a watch reaches its maximum lifetime (clients match on the status, not the text).</summary>
    public const string MaxLifetimeMessage = "The watch reached its maximum lifetime: watch again, after the last sequence received.";

    /// <summary>What a client reads (with <c>UNAUTHENTICATED</c>) when the token a watch was opened with expires.</summary>
    public const string TokenExpiredMessage = "The bearer token expired during the watch: sign in again, then watch again after the last sequence received.";

    public override async Task<Document> CreateDocument(CreateDocumentRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var draft = request.ToDraft();
        var info = await grains.Idempotent(ct => document.Create(caller, draft, ct), context.CancellationToken);
        return info.ToProto();
    }

    public override async Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var info = await grains.Idempotent(ct => document.GetInfo(caller, ct), context.CancellationToken);
        return info.ToProto();
    }

    public override Task<Document> ShareWithReader(ReaderRequest request, ServerCallContext context)
        => ChangeSharing(request.DocumentId, context, (d, c, ct) => d.ShareWithReader(c, request.UserId, ct));

    public override Task<Document> RevokeReader(ReaderRequest request, ServerCallContext context)
        => ChangeSharing(request.DocumentId, context, (d, c, ct) => d.RevokeReader(c, request.UserId, ct));

    public override Task<Document> ShareWithClass(DocumentClassRequest request, ServerCallContext context)
        => ChangeSharing(request.DocumentId, context, (d, c, ct) => d.ShareWithClass(c, request.ClassId, ct));

    public override Task<Document> UnshareClass(DocumentClassRequest request, ServerCallContext context)
        => ChangeSharing(request.DocumentId, context, (d, c, ct) => d.UnshareClass(c, request.ClassId, ct));

    public override async Task<Annotation> AddAnnotation(AddAnnotationRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var draft = request.ToDraft();
        var annotation = await grains.Idempotent(ct => document.AddAnnotation(caller, draft, ct), context.CancellationToken);
        return annotation.ToProto();
    }

    public override async Task<Annotation> EditAnnotation(EditAnnotationRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var body = DocumentMapping.ToDomain(request.Body, "body");
        int? page = request.HasPage ? request.Page : null;
        var requestId = ResourceIds.OptionalRequestId(request.RequestId, "request_id");

        // Each edit is a new change event, and a late repeat could undo an edit made in between: retried only under a
        // request id, which the document applies once.
        var annotation = requestId is null
            ? await document.EditAnnotation(caller, request.AnnotationId, body, page, null, context.CancellationToken)
            : await grains.Idempotent(ct => document.EditAnnotation(caller, request.AnnotationId, body, page, requestId, ct), context.CancellationToken);
        return annotation.ToProto();
    }

    public override async Task<Empty> DeleteAnnotation(DeleteAnnotationRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        await grains.Idempotent(ct => document.DeleteAnnotation(caller, request.AnnotationId, ct), context.CancellationToken);
        return new Empty();
    }

    public override async Task<ListAnnotationsResponse> ListAnnotations(ListAnnotationsRequest request, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var snapshot = await grains.Idempotent(ct => document.GetAnnotations(caller, ct), context.CancellationToken);
        var page = Paging.Take(snapshot.Annotations, static a => a.Id, DocumentMapping.ToProto, request.PageSize, request.PageToken);
        return new ListAnnotationsResponse { Annotations = { page.Items }, Sequence = snapshot.Sequence, NextPageToken = page.NextPageToken };
    }

    public override async Task WatchAnnotations(WatchAnnotationsRequest request, IServerStreamWriter<AnnotationEvent> responseStream, ServerCallContext context)
    {
        var (document, caller) = Document(request.DocumentId, context);
        var after = request.HasAfterSequence ? request.AfterSequence : -1;
        using var slot = watchSlots.Take(caller);

        // Authentication checked the token once, when the call started: the watch ends itself when the token expires,
        // before anything more is sent. Watches also end when the gateway stops instead of holding its shutdown, and
        // when they reach their maximum lifetime: either way clients watch again (here or at another gateway) after
        // the last sequence received.
        using var tokenDeadline = new TokenDeadline(BearerExpiry.Of(context), time);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, tokenDeadline.Token);
        watch.CancelAfter(watchOptions.Value.MaxStreamLifetime);
        try
        {
            await foreach (var e in document.WatchResumingAsync(caller, after, cancellationToken: watch.Token))
            {
                foreach (var message in e.ToProto())
                {
                    if (tokenDeadline.HasPassed)
                    {
                        throw TokenExpired();
                    }

                    await responseStream.WriteAsync(message, watch.Token);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw; // the client went away
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The gateway is shutting down: watch again, after the last sequence received."));
        }
        catch (OperationCanceledException) when (tokenDeadline.HasPassed)
        {
            throw TokenExpired();
        }
        catch (OperationCanceledException) when (watch.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, MaxLifetimeMessage));
        }
    }

    private static RpcException TokenExpired() => new(new Status(StatusCode.Unauthenticated, TokenExpiredMessage));

    private async Task<Document> ChangeSharing(
        string documentId, ServerCallContext context, Func<IDocumentGrain, Contracts.Caller, CancellationToken, Task<DocumentInfo>> change)
    {
        var (document, caller) = Document(documentId, context);
        var info = await grains.Idempotent(ct => change(document, caller, ct), context.CancellationToken);
        return info.ToProto();
    }

    private (IDocumentGrain Document, Contracts.Caller Caller) Document(string documentId, ServerCallContext context)
    {
        var caller = context.Caller();
        return (grains.Client.GetGrain<IDocumentGrain>(ResourceIds.DocumentKey(caller, documentId, "document_id")), caller);
    }
}
