using System.Text.Json;
using Actors.Contracts;
using Actors.Contracts.Collections;
using Actors.Contracts.Documents;
using Actors.Domain.Tests.Infrastructure;
using Actors.Grains.Documents;
using Actors.Grains.Validation;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// A document's running total of annotation bytes is stored in its state row, so activation does not measure every
/// annotation again; rows without it are measured, and every change, erasure included, keeps it exact.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class AnnotationBytesTests(DomainCluster cluster)
{
    [Fact]
    public async Task The_total_is_stored_with_the_annotations_and_a_row_without_it_is_measured_on_activation()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var key = document.GetGrainId().Key.ToString()!;
        await document.AddAnnotation(owner, DocumentFactory.Ink("a"));
        await document.AddAnnotation(owner, DocumentFactory.Comment("b", "a note"));
        Assert.Equal(await MeasuredAsync(document, owner), await StoredTotalAsync(key));

        // As a row written before the total was stored: none in the row. Activation measures the annotations, and
        // the next write stores the total with the new one counted.
        await cluster.DeactivateAsync(document);
        await cluster.Database.ScalarAsync(
            "UPDATE orleans_grain_state SET state = state - 'annotationBytes' WHERE service_id = $1 AND grain_type = 'document' AND grain_key = $2",
            cluster.ServiceId, key);
        Assert.Null(await StoredTotalAsync(key));
        await document.AddAnnotation(owner, DocumentFactory.Ink("c"));

        Assert.Equal(await MeasuredAsync(document, owner), await StoredTotalAsync(key));
    }

    [Fact]
    public void Erasing_a_student_takes_their_annotations_out_of_the_total()
    {
        var now = DateTimeOffset.UtcNow;
        var teachers = new Annotation { Id = "t", AuthorId = "teacher", AuthorRole = CallerRole.Teacher, Page = 1, Body = new CommentBody { Text = "Good." } };
        var students = new Annotation { Id = "s", AuthorId = "student", AuthorRole = CallerRole.Student, Page = 1, Body = DocumentFactory.Ink("s").Body };
        var state = new DocumentState
        {
            SchemaVersion = DocumentState.CurrentSchemaVersion, Title = "Worksheet", OwnerId = "teacher", OwnerRole = CallerRole.Teacher, PageCount = 1,
            Annotations = TrackedDictionary<Annotation>.Empty.Add("t", teachers).Add("s", students),
            AnnotationBytes = StoredSize.Of(teachers) + StoredSize.Of(students),
        };

        var erased = DocumentChanges.EraseStudent(state, [], "student", now).State;

        Assert.Equal(StoredSize.Of(teachers), erased.AnnotationBytes);
    }

    [Fact]
    public void Erasing_a_student_lets_go_of_the_edits_remembered_under_their_id()
    {
        var students = new Annotation { Id = "s", AuthorId = "student", AuthorRole = CallerRole.Student, Page = 1, Body = new CommentBody { Text = "Mine." } };
        var state = new DocumentState
        {
            SchemaVersion = DocumentState.CurrentSchemaVersion, Title = "Worksheet", OwnerId = "teacher", OwnerRole = CallerRole.Teacher, PageCount = 1,
            Annotations = TrackedDictionary<Annotation>.Empty.Add("s", students),
            AppliedEdits = TrackedDictionary<AppliedEdit>.Empty
                .Add("student/r1", new AppliedEdit { AnnotationId = "s", Sequence = 2 })
                .Add("student-2/r1", new AppliedEdit { AnnotationId = "x", Sequence = 3 })
                .Add("teacher/r9", new AppliedEdit { AnnotationId = "t", Sequence = 4 }),
        };

        var erased = DocumentChanges.EraseStudent(state, [], "student", DateTimeOffset.UtcNow).State;

        Assert.Equal(["student-2/r1", "teacher/r9"], erased.AppliedEdits.Keys.Order(StringComparer.Ordinal));
    }

    private static async Task<long> MeasuredAsync(IDocumentGrain document, Caller owner)
        => (await document.GetAnnotations(owner)).Annotations.Sum(a => StoredSize.Of(a));

    private async Task<long?> StoredTotalAsync(string key)
    {
        var json = await cluster.Database.ScalarAsync(
            "SELECT state->>'annotationBytes' FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'document' AND grain_key = $2",
            cluster.ServiceId, key);
        return json is string text ? JsonSerializer.Deserialize<long>(text) : null; // SQL NULL: not in the row
    }
}
