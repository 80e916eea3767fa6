namespace Actors.Contracts.Errors;

/// <summary>Something the request refers to does not exist (gRPC NOT_FOUND).</summary>
[GenerateSerializer, Alias("Actors.NotFoundException")]
public sealed class NotFoundException : DomainException
{
    /// <summary>Creates the exception for the <paramref name="entity"/> (e.g. "goal") with id <paramref name="id"/>.</summary>
    public NotFoundException(string entity, string id, string? where = null)
        : base($"No {entity} '{id}'{(where is null ? "" : " in " + where)}.")
    {
        Entity = entity;
        EntityId = id;
    }

    /// <summary>What kind of thing was missing ("student", "goal", "document"...).</summary>
    [Id(0)]
    public string Entity { get; }

    /// <summary>Its id.</summary>
    [Id(1)]
    public string EntityId { get; }
}
