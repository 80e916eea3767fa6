using Actors.Contracts;
using Actors.Contracts.Documents;

namespace Actors.Domain.Tests.Tenancy;

/// <summary>The one id rule and the school-scoped keys built from it (pure functions: no cluster).</summary>
public sealed class GrainKeysTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("student-1")]
    [InlineData("Ana.Fifita@rimu|2024_x")]
    [InlineData("9lives")]
    public void Well_formed_ids_follow_the_rule(string id) => Assert.True(GrainKeys.IsValidId(id));

    [Theory]
    [InlineData("")]
    [InlineData("-dash-first")]
    [InlineData(".dot-first")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("tilde~inside")]
    [InlineData("trailing-newline\n")] // '$' would let this through; the rule matches to the very end
    [InlineData("trailing-crlf\r\n")]
    [InlineData("\nleading-newline")]
    [InlineData("émile")]
    public void Malformed_ids_break_the_rule(string id) => Assert.False(GrainKeys.IsValidId(id));

    [Fact]
    public void The_rule_allows_exactly_the_domains_longest_id()
    {
        Assert.True(GrainKeys.IsValidId(new string('a', DomainLimits.IdLength)));
        Assert.False(GrainKeys.IsValidId(new string('a', DomainLimits.IdLength + 1)));
        Assert.False(GrainKeys.IsValidId(null));
    }

    [Fact]
    public void A_key_is_the_school_and_the_local_id_and_parses_back()
    {
        var key = GrainKeys.For("kowhai", "student-1");

        Assert.Equal("kowhai/student-1", key);
        Assert.True(GrainKeys.TryParse(key, out var parsed));
        Assert.Equal(("kowhai", "student-1"), (parsed.SchoolId, parsed.Id));
        Assert.Equal(GrainKeys.For("kowhai", "class-9"), parsed.Sibling("class-9"));
        Assert.Equal(key, parsed.ToString());
    }

    [Theory]
    [InlineData("no-school")]
    [InlineData("/no-school")]
    [InlineData("school/")]
    [InlineData("a/b/c")]
    [InlineData("bad school/x")]
    [InlineData("school\n/x")]
    public void Anything_else_belongs_to_no_school(string key)
    {
        Assert.False(GrainKeys.TryParse(key, out _));
        var parsed = GrainKeys.ParseOrNone(key);
        Assert.False(parsed.HasSchool);
        Assert.Equal(key, parsed.Id);
    }

    [Theory]
    [InlineData("bad school", "x")]
    [InlineData("school\n", "x")]
    [InlineData("school", "")]
    [InlineData("school", "a/b")]
    public void Keys_are_not_built_from_a_malformed_school_or_id(string school, string id)
        => Assert.Throws<ArgumentException>(() => GrainKeys.For(school, id));

    [Theory]
    [InlineData("doc-1", true)]
    [InlineData("class~hw1~student-1", true)]
    [InlineData("class~hw1", false)]
    [InlineData("class~hw1~student-1\n", false)]
    [InlineData("class~~student-1", false)]
    public void A_document_id_is_an_id_or_a_copys_three_ids(string id, bool valid)
        => Assert.Equal(valid, DocumentCopyId.IsDocumentId(id));
}
