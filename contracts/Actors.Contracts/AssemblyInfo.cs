namespace Actors.Contracts;

/// <summary>Marker for locating this assembly (grain interface scanning, tests).</summary>
public static class ContractsAssembly;
