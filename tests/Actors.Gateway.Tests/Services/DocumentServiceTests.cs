using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Actors.Gateway.Tests.Services;

[Collection(GatewayCollection.Name)]
public sealed class DocumentServiceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Owner_shares_a_document_and_readers_annotate_it()
    {
        var (owner, reader) = (await fixture.TeacherAsync(), await fixture.StudentAsync());
        var documents = fixture.Documents;
        var docId = TestIds.New("doc");
        await documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Poem", PageCount = 2, ContentRef = "s3://docs/poem.pdf" }, owner.Call);
        var shared = await documents.ShareWithReaderAsync(new() { DocumentId = docId, UserId = reader.Id }, owner.Call);

        var highlight = new AnnotationBody { Highlight = new HighlightBody { Rects = { new PageRect { X = 0.1, Y = 0.2, Width = 0.5, Height = 0.05 } } } };
        var ink = new AnnotationBody { Ink = new InkBody { Points = { new PagePoint { X = 0.1, Y = 0.1 }, new PagePoint { X = 0.2, Y = 0.3 } }, Color = "#FF0000" } };
        var added = await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = "h1", Page = 1, Body = highlight }, reader.Call);
        var retried = await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = "h1", Page = 1, Body = highlight }, reader.Call);
        await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = "i1", Page = 2, Body = ink }, reader.Call);
        await documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = "c1", Page = 2, Body = World.Comment("Nice") }, owner.Call);
        var edited = await documents.EditAnnotationAsync(new() { DocumentId = docId, AnnotationId = "c1", Body = World.Comment("Lovely"), Page = 1 }, owner.Call);
        await documents.DeleteAnnotationAsync(new() { DocumentId = docId, AnnotationId = "i1" }, reader.Call);
        await documents.RevokeReaderAsync(new() { DocumentId = docId, UserId = reader.Id }, owner.Call);

        var list = await documents.ListAnnotationsAsync(new() { DocumentId = docId }, owner.Call);
        var info = await documents.GetDocumentAsync(new() { DocumentId = docId }, owner.Call);
        var revoked = await Assert.ThrowsAsync<RpcException>(() => documents.GetDocumentAsync(new() { DocumentId = docId }, reader.Call).ResponseAsync);

        Assert.Contains(reader.Id, shared.ReaderIds);
        Assert.Equal(added.AddedAtSequence, retried.AddedAtSequence);
        Assert.Equal(("#FFEB3B", "Lovely", 1), (added.Body.Highlight.Color, edited.Body.Comment.Text, edited.Page));
        Assert.Equal(["h1", "c1"], list.Annotations.Select(a => a.AnnotationId));
        Assert.Equal(info.Sequence, list.Sequence);
        Assert.Equal((2, 0), (info.AnnotationCount, info.ReaderIds.Count));
        Assert.Equal(StatusCode.PermissionDenied, revoked.StatusCode);
    }

    [Fact]
    public async Task An_edit_sent_again_with_its_request_id_applies_once_and_a_malformed_request_id_is_invalid()
    {
        var owner = User.Teacher();
        var docId = TestIds.New("doc");
        await fixture.Documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Poem", PageCount = 1, ContentRef = "s3://docs/poem.pdf" }, owner.Call);
        await fixture.Documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = "c1", Page = 1, Body = World.Comment("Nice") }, owner.Call);
        var requestId = Guid.NewGuid().ToString();

        var first = await fixture.Documents.EditAnnotationAsync(new() { DocumentId = docId, AnnotationId = "c1", Body = World.Comment("Lovely"), RequestId = requestId }, owner.Call);
        var again = await fixture.Documents.EditAnnotationAsync(new() { DocumentId = docId, AnnotationId = "c1", Body = World.Comment("Lovely"), RequestId = requestId }, owner.Call);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => fixture.Documents.EditAnnotationAsync(
            new() { DocumentId = docId, AnnotationId = "c1", Body = World.Comment("Lovely"), RequestId = "not a request id" }, owner.Call).ResponseAsync);

        Assert.Equal(first.ChangedAtSequence, again.ChangedAtSequence);
        Assert.Equal(2, (await fixture.Documents.GetDocumentAsync(new() { DocumentId = docId }, owner.Call)).Sequence);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task Two_watchers_see_a_third_users_annotations_in_order()
    {
        var world = await fixture.WorldAsync();
        var docId = TestIds.New("doc");
        await fixture.Documents.CreateDocumentAsync(new() { DocumentId = docId, Title = "Map", PageCount = 1, ContentRef = "s3://docs/map.pdf" }, world.Teacher.Call);
        await fixture.Documents.ShareWithClassAsync(new() { DocumentId = docId, ClassId = world.ClassId }, world.Teacher.Call);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var teacherSees = Watch(docId, world.Teacher, 10, stop.Token);
        var adminSees = Watch(docId, world.SchoolAdmin, 10, stop.Token);

        // The third user annotates only once both watchers hold their opening snapshot.
        var ids = Enumerable.Range(0, 10).Select(i => $"note-{i}").ToList();
        await Task.WhenAll(teacherSees.Opened, adminSees.Opened);
        foreach (var id in ids)
        {
            await fixture.Documents.AddAnnotationAsync(new() { DocumentId = docId, AnnotationId = id, Page = 1, Body = World.Comment(id) }, world.Student.Call);
        }

        foreach (var events in new[] { await teacherSees.Events, await adminSees.Events })
        {
            Assert.Equal(ids, events.Select(e => e.AnnotationId));
            Assert.All(events, e => Assert.Equal((AnnotationEventKind.Added, world.Student.Id), (e.Kind, e.ActorId)));
            Assert.Equal(Enumerable.Range((int)events[0].Sequence, ids.Count).Select(s => (long)s), events.Select(e => e.Sequence));
        }
    }

    private (Task Opened, Task<List<AnnotationEvent>> Events) Watch(string docId, User user, int count, CancellationToken cancellationToken)
    {
        var opened = new TaskCompletionSource();
        return (opened.Task, Run());

        async Task<List<AnnotationEvent>> Run()
        {
            using var call = fixture.Documents.WatchAnnotations(new() { DocumentId = docId }, Api.Client.Bearer.Options(user.Token, cancellationToken: cancellationToken));
            var events = new List<AnnotationEvent>();
            while (events.Count < count && await call.ResponseStream.MoveNext(cancellationToken))
            {
                if (call.ResponseStream.Current.Kind == AnnotationEventKind.Snapshot)
                {
                    opened.TrySetResult();
                    continue;
                }

                events.Add(call.ResponseStream.Current);
            }

            return events;
        }
    }
}
