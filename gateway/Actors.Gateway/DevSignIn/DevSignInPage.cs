using System.Text;
using System.Text.Encodings.Web;

namespace Actors.Gateway.DevSignIn;

/// <summary>The HTML of the development sign-in page: one button per demo user, and a form for anyone else.</summary>
internal static class DevSignInPage
{
    public static string Render(DemoDirectory directory, string redirectUri, string state, IReadOnlyCollection<string> roles, string? error = null)
    {
        var html = HtmlEncoder.Default;
        var hidden = $"""
            <input type="hidden" name="redirect_uri" value="{html.Encode(redirectUri)}">
            <input type="hidden" name="state" value="{html.Encode(state)}">
            """;
        var page = new StringBuilder();
        page.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in (development) · Actors</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #1b1f24; }
              .warning { background: #fff4ce; border: 1px solid #c9a400; padding: .75rem 1rem; border-radius: 6px; }
              .error { background: #fde7e9; border: 1px solid #c50f1f; padding: .75rem 1rem; border-radius: 6px; }
              ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
              button { font: inherit; padding: .5rem .9rem; border: 1px solid #0b5cad; border-radius: 6px; background: #fff; color: #0b5cad; cursor: pointer; }
              button:hover, button:focus-visible { background: #0b5cad; color: #fff; outline: 3px solid #7fb2e5; }
              label { display: block; margin: .5rem 0 .2rem; font-weight: 600; }
              input, select { font: inherit; padding: .4rem; width: 100%; max-width: 22rem; box-sizing: border-box; }
              form.other { margin-top: .5rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>Sign in</h1>
            <p class="warning"><strong>Development sign-in.</strong> This page stands in for your school's sign-in on a local run:
            it signs you in as whoever you pick, without a password. It is never served in production.</p>
            """);
        if (error is not null)
        {
            page.Append($"""<p class="error" role="alert">{html.Encode(error)}</p>""");
        }

        foreach (var school in directory.Schools)
        {
            var headingId = "school-" + html.Encode(school.Id);
            page.Append($"""<section aria-labelledby="{headingId}"><h2 id="{headingId}">{html.Encode(school.Name)}</h2><ul>""");
            foreach (var user in school.Users)
            {
                page.Append($"""
                    <li><form method="post">{hidden}
                    <input type="hidden" name="school" value="{html.Encode(school.Id)}">
                    <input type="hidden" name="user" value="{html.Encode(user.Id)}">
                    <input type="hidden" name="role" value="{html.Encode(user.Role)}">
                    <button type="submit" data-user="{html.Encode(user.Id)}">{html.Encode(user.Name)} <small>({html.Encode(user.Role)}, {html.Encode(user.Id)})</small></button>
                    </form></li>
                    """);
            }

            page.Append("</ul></section>");
        }

        var firstSchool = directory.Schools.Count > 0 ? directory.Schools[0].Id : "";
        page.Append($"""
            <section aria-labelledby="other"><h2 id="other">Someone else</h2>
            <form method="post" class="other">{hidden}
            <label for="other-school">School id</label><input id="other-school" name="school" value="{html.Encode(firstSchool)}" autocomplete="off">
            <label for="other-user">User id</label><input id="other-user" name="user" required autocomplete="off">
            <label for="other-role">Role</label><select id="other-role" name="role">
            """);
        foreach (var role in roles)
        {
            page.Append($"""<option value="{html.Encode(role)}">{html.Encode(role)}</option>""");
        }

        page.Append("""
            </select>
            <p><button type="submit">Sign in</button></p>
            </form></section>
            </main>
            </body>
            </html>
            """);
        return page.ToString();
    }
}
