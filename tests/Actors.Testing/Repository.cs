namespace Actors.Testing;

/// <summary>Paths in the repository the tests run from (found by walking up to <c>Actors.sln</c>).</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Actors.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <see cref="Root"/>, given by its parts.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Actors.sln above {AppContext.BaseDirectory}.");
    }
}
