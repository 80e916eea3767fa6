using Actors.Contracts.Errors;
using Google.Protobuf;
using Domain = Actors.Contracts.Documents;
using Proto = Actors.Api.V1;

namespace Actors.Gateway.Mapping;

/// <summary>Document and annotation messages to and from the domain's records.</summary>
internal static class DocumentMapping
{
    public static Proto.Document ToProto(this Domain.DocumentInfo info)
    {
        var proto = new Proto.Document
        {
            DocumentId = info.DocumentId,
            Title = info.Title,
            OwnerId = info.OwnerId,
            PageCount = info.PageCount,
            ContentRef = info.ContentRef,
            CreateTime = info.CreatedAt.ToProto(),
            AnnotationCount = info.AnnotationCount,
            Sequence = info.Sequence,
        };
        proto.ReaderIds.AddRange(info.ReaderIds);
        proto.ClassIds.AddRange(info.ClassIds);
        if (info.Origin is { } origin)
        {
            proto.Origin = new Proto.DocumentOrigin { OriginalDocumentId = origin.OriginalDocumentId, ClassId = origin.ClassId, AssignmentId = origin.AssignmentId };
        }

        return proto;
    }

    public static Domain.DocumentDraft ToDraft(this Proto.CreateDocumentRequest request)
        => new(request.Title, request.PageCount, request.ContentRef);

    public static Proto.Annotation ToProto(this Domain.Annotation annotation)
        => new()
        {
            AnnotationId = annotation.Id,
            AuthorId = annotation.AuthorId,
            Page = annotation.Page,
            Body = annotation.Body.ToProto(),
            CreateTime = annotation.CreatedAt.ToProto(),
            EditTime = annotation.EditedAt.ToProto(),
            AddedAtSequence = annotation.AddedAtSequence,
            ChangedAtSequence = annotation.ChangedAtSequence,
        };

    public static Proto.AnnotationBody ToProto(this Domain.AnnotationBody body)
    {
        var proto = new Proto.AnnotationBody();
        switch (body)
        {
            case Domain.HighlightBody highlight:
                proto.Highlight = new Proto.HighlightBody { Color = highlight.Color };
                proto.Highlight.Rects.AddRange(highlight.Rects.Select(r => new Proto.PageRect { X = r.X, Y = r.Y, Width = r.Width, Height = r.Height }));
                break;
            case Domain.InkBody ink:
                proto.Ink = new Proto.InkBody { Color = ink.Color, Width = ink.Width };
                proto.Ink.Points.AddRange(ink.Points.Select(p => new Proto.PagePoint { X = p.X, Y = p.Y }));
                break;
            case Domain.CommentBody comment:
                proto.Comment = new Proto.CommentBody { Anchor = new Proto.PagePoint { X = comment.Anchor.X, Y = comment.Anchor.Y }, Text = comment.Text };
                break;
        }

        return proto;
    }

    /// <summary>The body to draw; unset colours and widths take the domain's defaults.</summary>
    public static Domain.AnnotationBody ToDomain(Proto.AnnotationBody? body, string field) => body?.KindCase switch
    {
        Proto.AnnotationBody.KindOneofCase.Highlight => new Domain.HighlightBody
        {
            Rects = [.. body.Highlight.Rects.Select(r => new Domain.PageRect(r.X, r.Y, r.Width, r.Height))],
            Color = body.Highlight.Color is { Length: > 0 } color ? color : new Domain.HighlightBody().Color,
        },
        Proto.AnnotationBody.KindOneofCase.Ink => new Domain.InkBody
        {
            Points = [.. body.Ink.Points.Select(p => new Domain.PagePoint(p.X, p.Y))],
            Color = body.Ink.Color is { Length: > 0 } color ? color : new Domain.InkBody().Color,
            Width = body.Ink.Width != 0 ? body.Ink.Width : new Domain.InkBody().Width,
        },
        Proto.AnnotationBody.KindOneofCase.Comment => new Domain.CommentBody
        {
            Anchor = body.Comment.Anchor is { } anchor ? new Domain.PagePoint(anchor.X, anchor.Y) : throw new ValidationException(field + ".comment.anchor", "is required."),
            Text = body.Comment.Text,
        },
        _ => throw new ValidationException(field, "is required: set one of highlight, ink or comment."),
    };

    public static Domain.AnnotationDraft ToDraft(this Proto.AddAnnotationRequest request)
        => new(request.AnnotationId, request.Page, ToDomain(request.Body, "body"));

    /// <summary>
    /// The messages for one event. A snapshot of a large document would pass the message size limit, so it is sent
    /// in parts of at most <see cref="Paging.ResponseBudgetBytes"/>, each with the snapshot's sequence, all but the
    /// last marked <c>snapshot_continues</c>.
    /// </summary>
    public static IEnumerable<Proto.AnnotationEvent> ToProto(this Domain.AnnotationEvent e)
    {
        if (e.Kind != Domain.AnnotationEventKind.Snapshot)
        {
            yield return new Proto.AnnotationEvent
            {
                Sequence = e.Sequence,
                Kind = e.Kind switch
                {
                    Domain.AnnotationEventKind.Added => Proto.AnnotationEventKind.Added,
                    Domain.AnnotationEventKind.Edited => Proto.AnnotationEventKind.Edited,
                    _ => Proto.AnnotationEventKind.Deleted,
                },
                AnnotationId = e.AnnotationId ?? "",
                Annotation = e.Annotation?.ToProto(),
                ActorId = e.ActorId ?? "",
                Time = e.At.ToProto(),
            };
            yield break;
        }

        var part = NewSnapshotPart(e);
        var bytes = 0;
        foreach (var annotation in e.Snapshot ?? [])
        {
            var proto = annotation.ToProto();
            var size = proto.CalculateSize();
            if (part.Snapshot.Count > 0 && bytes + size > Paging.ResponseBudgetBytes)
            {
                part.SnapshotContinues = true;
                yield return part;
                part = NewSnapshotPart(e);
                bytes = 0;
            }

            part.Snapshot.Add(proto);
            bytes += size;
        }

        yield return part;
    }

    private static Proto.AnnotationEvent NewSnapshotPart(Domain.AnnotationEvent e)
        => new() { Sequence = e.Sequence, Kind = Proto.AnnotationEventKind.Snapshot, ActorId = e.ActorId ?? "", Time = e.At.ToProto() };
}
