using Actors.Contracts;
using Actors.Contracts.Documents;
using Actors.Grains.Validation;

namespace Actors.Grains.Documents;

/// <summary>What an annotation may contain: positions on the page, sizes, colours, text.</summary>
internal static class AnnotationRules
{
    public static void ValidateDraft(AnnotationDraft? draft, int pageCount)
    {
        Validator.NotNull(draft, "draft");
        var validator = new Validator()
            .Id("draft.annotationId", draft.AnnotationId)
            .Range("draft.page", draft.Page, 1, pageCount);
        CheckBody(validator, "draft.body", draft.Body);
        validator.ThrowIfInvalid();
    }

    public static void ValidateEdit(string annotationId, AnnotationBody? body, int? page, string? requestId, int pageCount)
    {
        var validator = new Validator().Id("annotationId", annotationId).OptionalId("requestId", requestId);
        if (page is { } p)
        {
            validator.Range("page", p, 1, pageCount);
        }

        CheckBody(validator, "body", body);
        validator.ThrowIfInvalid();
    }

    private static void CheckBody(Validator validator, string field, AnnotationBody? body)
    {
        switch (body)
        {
            case null:
                validator.Add(field, "is required.");
                break;
            case HighlightBody highlight:
                CheckCount(validator, $"{field}.rects", highlight.Rects?.Count, 1, DomainLimits.HighlightRects);
                CheckEach(validator, $"{field}.rects", highlight.Rects, IsValidRect, CheckRect);
                validator.Color($"{field}.color", highlight.Color);
                break;
            case InkBody ink:
                CheckCount(validator, $"{field}.points", ink.Points?.Count, 2, DomainLimits.InkPoints);
                CheckEach(validator, $"{field}.points", ink.Points, IsValidPoint, CheckPoint);
                validator.Color($"{field}.color", ink.Color);
                if (!double.IsFinite(ink.Width) || ink.Width <= 0 || ink.Width > DomainLimits.MaxInkWidth)
                {
                    validator.Add($"{field}.width", $"is {ink.Width}; it must be above 0 and at most {DomainLimits.MaxInkWidth} (a fraction of the page width).");
                }

                break;
            case CommentBody comment:
                CheckPoint(validator, $"{field}.anchor", comment.Anchor);
                validator.LongText($"{field}.text", comment.Text, DomainLimits.CommentLength);
                break;
            default:
                validator.Add(field, $"is of an unknown kind ({body.GetType().Name}).");
                break;
        }
    }

    private static void CheckCount(Validator validator, string field, int? count, int min, int max)
    {
        if (count is null || count < min || count > max)
        {
            validator.Add(field, $"has {count ?? 0} items; from {min} to {max} are allowed.");
        }
    }

    /// <summary>
    /// Checks items until the first bad one: a 5,000-point stroke must not produce 5,000 messages. A valid item costs
    /// its predicate alone; field names and messages are made for the bad one only (a stroke of 200 points had made
    /// about 1,400 strings per add).
    /// </summary>
    private static void CheckEach<T>(Validator validator, string field, IReadOnlyList<T>? items, Func<T?, bool> isValid, Action<Validator, string, T?> check)
        where T : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (!isValid(items![i]))
            {
                check(validator, $"{field}[{i}]", items[i]);
                return;
            }
        }
    }

    private static bool IsValidPoint(PagePoint? point) => point is not null && Validator.IsFraction(point.X) && Validator.IsFraction(point.Y);

    private static bool IsValidRect(PageRect? rect)
        => rect is not null && Validator.IsFraction(rect.X) && Validator.IsFraction(rect.Y) && Validator.IsFraction(rect.Width)
            && Validator.IsFraction(rect.Height) && rect.X + rect.Width <= 1 && rect.Y + rect.Height <= 1;

    private static void CheckPoint(Validator validator, string field, PagePoint? point)
    {
        if (point is null)
        {
            validator.Add(field, "is required.");
            return;
        }

        validator.Fraction($"{field}.x", point.X).Fraction($"{field}.y", point.Y);
    }

    private static void CheckRect(Validator validator, string field, PageRect? rect)
    {
        if (rect is null)
        {
            validator.Add(field, "is required.");
            return;
        }

        validator
            .Fraction($"{field}.x", rect.X)
            .Fraction($"{field}.y", rect.Y)
            .Fraction($"{field}.width", rect.Width)
            .Fraction($"{field}.height", rect.Height)
            .When(rect.X + rect.Width > 1 || rect.Y + rect.Height > 1, field, "extends beyond the page.");
    }
}
