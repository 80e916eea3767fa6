using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Actors.Contracts;
using Actors.Contracts.Errors;

namespace Actors.Grains.Validation;

/// <summary>
/// Collects every problem with a request, then throws one <see cref="ValidationException"/> naming them all, so a
/// client fixes its input in one round trip. Checks run before anything is changed: invalid input writes nothing.
/// </summary>
internal sealed partial class Validator
{
    private List<FieldViolation>? _violations;

    /// <summary>True while no problem was recorded.</summary>
    public bool IsValid => _violations is null;

    /// <summary>Throws at once if <paramref name="value"/> is null: its fields cannot be checked.</summary>
    public static void NotNull([NotNull] object? value, string field)
    {
        if (value is null)
        {
            throw new ValidationException(field, "is required.");
        }
    }

    /// <summary>Records a problem.</summary>
    public Validator Add(string field, string problem)
    {
        (_violations ??= []).Add(new FieldViolation(field, problem));
        return this;
    }

    /// <summary>
    /// Records <paramref name="problem"/> when <paramref name="isWrong"/>. Only for a fixed message: a formatted one
    /// would be formatted on every call, valid or not (every grain call validates its caller, every ink point its
    /// position), so the checks below format theirs only once they failed.
    /// </summary>
    public Validator When(bool isWrong, string field, string problem) => isWrong ? Add(field, problem) : this;

    /// <summary>An id, by the one id rule (<see cref="GrainKeys.IsValidId"/>).</summary>
    public Validator Id(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Add(field, "is required.");
        }

        if (value.Length > DomainLimits.IdLength)
        {
            return Add(field, $"is {value.Length} characters long; at most {DomainLimits.IdLength} are allowed.");
        }

        return When(!GrainKeys.IsValidId(value), field, "may contain only letters, digits and . _ - @ | and must start with a letter or digit.");
    }

    /// <summary>An optional id: absent, or valid as <see cref="Id"/>.</summary>
    public Validator OptionalId(string field, string? value) => value is null ? this : Id(field, value);

    /// <summary>Required single-line text: not blank, at most <paramref name="maxLength"/>, no control characters.</summary>
    public Validator Text(string field, string? value, int maxLength) => CheckText(field, value, maxLength, required: true, multiline: false);

    /// <summary>Optional single-line text.</summary>
    public Validator OptionalText(string field, string? value, int maxLength) => CheckText(field, value, maxLength, required: false, multiline: false);

    /// <summary>Required long text: as <see cref="Text"/>, but line breaks and tabs are allowed.</summary>
    public Validator LongText(string field, string? value, int maxLength) => CheckText(field, value, maxLength, required: true, multiline: true);

    /// <summary>Optional long text.</summary>
    public Validator OptionalLongText(string field, string? value, int maxLength) => CheckText(field, value, maxLength, required: false, multiline: true);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public Validator Range(string field, int value, int min, int max)
        => value < min || value > max ? Add(field, $"is {value}; it must be from {min} to {max}.") : this;

    /// <summary>
    /// A fraction of the page in [0, 1]. NaN and infinities are refused here: JSON cannot hold them, so they would
    /// fail only later, at the storage write.
    /// </summary>
    public Validator Fraction(string field, double value)
        => IsFraction(value) ? this : Add(field, $"is {value}; it must be a number from 0 to 1 (a fraction of the page).");

    /// <summary>True for a fraction of the page: finite, from 0 to 1 (what <see cref="Fraction"/> accepts).</summary>
    public static bool IsFraction(double value) => double.IsFinite(value) && value >= 0 && value <= 1;

    /// <summary>One of the enum's named values.</summary>
    public Validator Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
        => Enum.IsDefined(value) ? this : Add(field, $"is {value}; allowed: {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>A colour written <c>#RRGGBB</c>.</summary>
    public Validator Color(string field, string? value)
        => value is not null && ColorPattern().IsMatch(value) ? this : Add(field, $"is '{value}'; it must be a colour written #RRGGBB.");

    /// <summary>Throws a <see cref="ValidationException"/> listing every recorded problem, if any.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations is not null)
        {
            throw new ValidationException(_violations.ToArray());
        }
    }

    private Validator CheckText(string field, string? value, int maxLength, bool required, bool multiline)
    {
        if (value is null)
        {
            return When(required, field, "is required.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "must not be blank.");
        }

        if (value.Length > maxLength)
        {
            return Add(field, $"is {value.Length} characters long; at most {maxLength} are allowed.");
        }

        return TextRules.FindProblem(value, multiline) is { } problem ? Add(field, problem) : this;
    }

    [GeneratedRegex(@"\A#[0-9A-Fa-f]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();
}
