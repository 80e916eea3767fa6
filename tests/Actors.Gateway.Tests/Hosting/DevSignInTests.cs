using System.Net;
using Actors.Api.V1;
using Actors.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Tests.Hosting;

/// <summary>
/// The development sign-in (<c>Gateway:DevSignIn</c>): a stand-in for a school's identity provider on local runs that
/// hands the browser a token the API accepts, only to paths of its own site, and only in Development.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DevSignInTests(GatewayFixture fixture) : IDisposable
{
    private readonly string _usersFile = DemoUsersFile();

    public void Dispose() => File.Delete(_usersFile);

    [Fact]
    public async Task The_page_lists_the_demo_users_and_redirects_with_a_token_the_api_accepts()
    {
        await using var gateway = await StartAsync();
        using var http = Client(gateway);

        await gateway.Channel.RosterAsync(new User("north", "student-7", "student")); // a student exists once rostered
        var page = await http.GetStringAsync("/dev/sign-in?redirect_uri=/signed-in&state=s123");
        var redirect = await http.PostAsync("/dev/sign-in", Form(("school", "north"), ("user", "student-7"), ("role", "student"), ("redirect_uri", "/signed-in"), ("state", "s123")));

        Assert.Contains("data-user=\"student-7\"", page, StringComparison.Ordinal);
        Assert.Contains("Ms Teach", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/signed-in#access_token=", location, StringComparison.Ordinal);
        Assert.EndsWith("&token_type=Bearer&expires_in=28800&state=s123", location, StringComparison.Ordinal);
        Assert.Equal("no-store", redirect.Headers.CacheControl?.ToString());

        var token = Uri.UnescapeDataString(location.Split('#')[1].Split('&')[0]["access_token=".Length..]);
        var views = await new StudentService.StudentServiceClient(gateway.Channel).GetPageViewsAsync(
            new() { StudentId = "student-7" }, new Metadata { { "authorization", "Bearer " + token } });
        Assert.Equal(0, views.Total);
    }

    [Theory]
    [InlineData("https://evil.example/signed-in")]
    [InlineData("//evil.example/signed-in")]
    [InlineData("/\\evil.example/signed-in")]
    [InlineData("signed-in")]
    [InlineData("")]
    public async Task It_redirects_only_to_paths_of_its_own_site(string redirectUri)
    {
        await using var gateway = await StartAsync();
        using var http = Client(gateway);

        var page = await http.GetAsync($"/dev/sign-in?redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s");
        var post = await http.PostAsync("/dev/sign-in", Form(("user", "student-7"), ("role", "student"), ("redirect_uri", redirectUri), ("state", "s")));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Null(post.Headers.Location);
    }

    [Theory]
    [InlineData("north", "student-7", "superuser")]
    [InlineData("north", "student-7", "admin")]
    [InlineData("north", "bad id with spaces", "student")]
    [InlineData("north", "", "teacher")]
    [InlineData("", "student-7", "student")]
    [InlineData("bad school", "student-7", "student")]
    public async Task It_hands_out_no_token_the_api_would_refuse(string school, string user, string role)
    {
        await using var gateway = await StartAsync();
        using var http = Client(gateway);

        var response = await http.PostAsync("/dev/sign-in", Form(("school", school), ("user", user), ("role", role), ("redirect_uri", "/signed-in"), ("state", "s")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("That user cannot sign in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_is_off_unless_enabled_and_refused_outside_development()
    {
        using var http = Client(fixture.Gateway);
        var off = await http.GetAsync("/dev/sign-in?redirect_uri=/signed-in");

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(
            () => GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string?> { ["Gateway:DevSignIn:Enabled"] = "true" }, environment: "Production"));

        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Contains("Gateway:DevSignIn:Enabled", refused.Message, StringComparison.Ordinal);
    }

    private Task<GatewayHost> StartAsync() => GatewayHost.StartAsync(
        fixture.Cluster,
        new Dictionary<string, string?>
        {
            ["Gateway:DevSignIn:Enabled"] = "true",
            ["Gateway:DevSignIn:UsersFile"] = _usersFile,
            ["Gateway:DevSignIn:SigningKeyPath"] = GatewayHost.PrivateKeyPath,
        },
        environment: "Development");

    private static HttpClient Client(GatewayHost gateway)
        => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.HttpAddress };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields)
        => new(fields.Select(static f => KeyValuePair.Create(f.Key, f.Value)));

    private static string DemoUsersFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-demo-users-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "schools": [ { "id": "north", "name": "North High", "users": [
                { "id": "student-7", "name": "Sam", "role": "student" },
                { "id": "teacher-2", "name": "Ms Teach", "role": "teacher" } ] } ] }
            """);
        return path;
    }
}
