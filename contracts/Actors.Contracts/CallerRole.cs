namespace Actors.Contracts;

/// <summary>What a caller is to the platform; grains decide from it (and the user id) what the caller may do.</summary>
[GenerateSerializer, Alias("Actors.CallerRole")]
public enum CallerRole
{
    /// <summary>A student: acts on their own profile, goals and documents.</summary>
    Student = 0,

    /// <summary>A teacher: runs classes, hands out documents, reads what students share with them.</summary>
    Teacher = 1,

    /// <summary>A school administrator: may do anything.</summary>
    Admin = 2,
}
