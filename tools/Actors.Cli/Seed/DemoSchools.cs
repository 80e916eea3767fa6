namespace Actors.Cli.Seed;

/// <summary>
/// The demo data <c>actors seed</c> puts in a local system (README, docs/api.md): two schools with the same user ids,
/// so that a token of one school visibly reaches nothing of the other. Each school has a school administrator
/// (<c>admin</c>, not rostered: the token says what they are), two teachers and five students on its roster, and
/// a class taught by <c>teacher-1</c> with three students enrolled by the administrator and one invited by the
/// teacher (an invitation waiting to be accepted).
/// </summary>
internal static class DemoSchools
{
    public const string AdminId = "admin";
    public const string TeacherId = "teacher-1";

    public static readonly IReadOnlyList<DemoSchool> All =
    [
        new("kowhai", "Kōwhai High School", "science-9", "Year 9 Science",
            Teachers: [("teacher-1", "Mere Parata"), ("teacher-2", "James Wilson")],
            Students: [("student-1", "Aroha Ngata"), ("student-2", "Liam Chen"), ("student-3", "Sione Tuilagi"), ("student-4", "Maia Roberts"), ("student-5", "Noah Smith")]),
        new("rimu", "Rimu College", "maths-10", "Year 10 Maths",
            Teachers: [("teacher-1", "Rawiri Hohaia"), ("teacher-2", "Emma Brown")],
            Students: [("student-1", "Ana Fifita"), ("student-2", "Kai Walker"), ("student-3", "Eva Kim"), ("student-4", "Leo Martin"), ("student-5", "Zoe Taylor")]),
    ];
}

/// <summary>One demo school: its roster and its class (the first three students enrolled, the fourth invited).</summary>
internal sealed record DemoSchool(
    string Id,
    string Name,
    string ClassId,
    string ClassTitle,
    IReadOnlyList<(string Id, string Name)> Teachers,
    IReadOnlyList<(string Id, string Name)> Students);
