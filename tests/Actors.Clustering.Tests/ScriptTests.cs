using System.Text.RegularExpressions;

namespace Actors.Clustering.Tests;

/// <summary>The embedded script stays within what CockroachDB runs (dotnet/orleans#5738) and covers every query Orleans needs.</summary>
public sealed class ScriptTests
{
    [Theory]
    [InlineData("plpgsql")]
    [InlineData("FUNCTION")]
    [InlineData("PROCEDURE")]
    [InlineData("LANGUAGE")]
    [InlineData("$$")]
    [InlineData("GET DIAGNOSTICS")]
    [InlineData("ASSERT")]
    [InlineData("SERIAL")]
    [InlineData("SEQUENCE")]
    [InlineData("advisory")]
    [InlineData("TRIGGER")]
    public void Script_code_avoids_constructs_CockroachDB_lacks(string construct)
        => Assert.DoesNotContain(construct, ClusteringScript.Code, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Every_table_is_created_idempotently_with_a_primary_key()
    {
        var creates = Regex.Matches(ClusteringScript.Code, @"CREATE\s+TABLE(\s+IF\s+NOT\s+EXISTS)?", RegexOptions.IgnoreCase);
        Assert.Equal(3, creates.Count);
        Assert.All(creates, c => Assert.True(c.Groups[1].Success, $"'{c.Value}' lacks IF NOT EXISTS"));
        Assert.Equal(creates.Count, Regex.Matches(ClusteringScript.Code, @"PRIMARY\s+KEY", RegexOptions.IgnoreCase).Count);
    }

    [Fact]
    public void Query_texts_are_upserted_so_a_newer_script_replaces_them()
        => Assert.Matches(@"ON\s+CONFLICT\s+\(QueryKey\)\s+DO\s+UPDATE\s+SET\s+QueryText\s*=\s*excluded\.QueryText", ClusteringScript.Code);

    [Fact]
    public void Script_stores_every_query_the_AdoNet_provider_reads()
    {
        Assert.NotEmpty(ClusteringScript.RequiredQueryKeys);
        Assert.All(ClusteringScript.AllQueryKeys, key => Assert.Contains($"'{key}'", ClusteringScript.Code, StringComparison.Ordinal));
    }
}
