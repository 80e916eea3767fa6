using System.Runtime.CompilerServices;

// The domain tests build states near the byte limits with the grains' own state types and size rule.
[assembly: InternalsVisibleTo("Actors.Domain.Tests")]
