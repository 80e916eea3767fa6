using Actors.Contracts.Documents;
using Actors.Domain.Tests.Infrastructure;

namespace Actors.Domain.Tests.Documents;

/// <summary>
/// A document keeps its annotations and tombstones one row per item: a change rewrites its own item and the small
/// state row, never the other annotations, and a reactivation reads state row plus items back to the same document.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class DocumentStorageLayoutTests(DomainCluster cluster)
{
    [Fact]
    public async Task Each_change_writes_only_its_own_annotation_row_and_reactivation_reads_them_all_back()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var key = document.GetGrainId().Key.ToString()!;
        for (var i = 0; i < 40; i++)
        {
            await document.AddAnnotation(owner, DocumentFactory.Ink($"ink{i:D2}"));
        }

        await document.AddAnnotation(owner, DocumentFactory.Comment("last", "the newest"));
        Assert.Equal(1L, await RowsOfLastWriteAsync(key, "annotations"));

        await document.EditAnnotation(owner, "ink07", DocumentFactory.Ink("ink07", page: 2).Body, page: 2);
        Assert.Equal(1L, await RowsOfLastWriteAsync(key, "annotations"));

        await document.DeleteAnnotation(owner, "ink03");
        Assert.Equal(0L, await RowsOfLastWriteAsync(key, "annotations"));
        Assert.Equal(1L, await RowsOfLastWriteAsync(key, "tombstones"));
        Assert.Equal(40L, await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'annotations'", cluster.ServiceId, key));

        var before = await document.GetAnnotations(owner);
        await cluster.DeactivateAsync(document);
        var after = await document.GetAnnotations(owner);

        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.Annotations.Select(a => (a.Id, a.Page, a.AddedAtSequence, a.ChangedAtSequence)), after.Annotations.Select(a => (a.Id, a.Page, a.AddedAtSequence, a.ChangedAtSequence)));
        Assert.DoesNotContain(after.Annotations, a => a.Id == "ink03");
        await Assert.ThrowsAsync<Contracts.Errors.ConflictException>(() => document.AddAnnotation(owner, DocumentFactory.Ink("ink03"))); // its tombstone came back too
    }

    [Fact]
    public async Task Edits_remembered_by_request_id_are_item_rows_so_the_state_row_stays_small()
    {
        var (document, owner) = await DocumentFactory.CreateAsync(cluster);
        var key = document.GetGrainId().Key.ToString()!;
        await document.AddAnnotation(owner, DocumentFactory.Comment("c1", "draft"));
        const int Edits = Contracts.DomainLimits.RememberedEditsPerDocument + 100;
        for (var i = 0; i < Edits; i++)
        {
            await document.EditAnnotation(owner, "c1", DocumentFactory.Comment("c1", $"version {i}").Body, requestId: $"request-{i:D4}-{Guid.NewGuid():N}"[..40]);
        }

        // Held in the state row, the remembered edits were about 120 KB, rewritten by every add, edit and delete.
        var stateBytes = (int)(await cluster.Database.ScalarAsync(
            "SELECT octet_length(state::TEXT) FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'document' AND grain_key = $2", cluster.ServiceId, key))!;
        Assert.True(stateBytes < 2_000, $"the state row holds {stateBytes} bytes");
        var remembered = (long)(await cluster.Database.ScalarAsync(
            "SELECT count(*) FROM orleans_grain_state_items WHERE service_id = $1 AND grain_key = $2 AND collection = 'appliedEdits'", cluster.ServiceId, key))!;
        Assert.InRange(remembered, Contracts.DomainLimits.RememberedEditsPerDocument * 9 / 10, Contracts.DomainLimits.RememberedEditsPerDocument);
        await document.EditAnnotation(owner, "c1", DocumentFactory.Comment("c1", "the last").Body, requestId: "the-last-edit");
        Assert.Equal(1L, await RowsOfLastWriteAsync(key, "appliedEdits"));
        Assert.Equal(1L, await RowsOfLastWriteAsync(key, "annotations"));

        // Read back from the item rows, a retry of the last edit is still recognised: answered, not applied again.
        var sequence = (await document.GetAnnotations(owner)).Sequence;
        await cluster.DeactivateAsync(document);
        var retried = await document.EditAnnotation(owner, "c1", DocumentFactory.Comment("c1", "a retry's body is ignored").Body, requestId: "the-last-edit");

        Assert.Equal("the last", Assert.IsType<CommentBody>(retried.Body).Text);
        Assert.Equal(sequence, (await document.GetAnnotations(owner)).Sequence);
    }

    /// <summary>Item rows of <paramref name="collection"/> written by the document's last write.</summary>
    private async Task<long> RowsOfLastWriteAsync(string key, string collection)
        => (long)(await cluster.Database.ScalarAsync(
            """
            SELECT count(*) FROM orleans_grain_state_items i
            JOIN orleans_grain_state t USING (service_id, grain_type, grain_key, state_name)
            WHERE i.service_id = $1 AND i.grain_key = $2 AND i.collection = $3 AND i.write_id = t.write_id
            """,
            cluster.ServiceId, key, collection))!;
}
