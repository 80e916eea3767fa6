using Actors.Silo.Dashboard;
using Actors.Silo.Shutdown;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Silo.Tests;

/// <summary>
/// The shutdown and dashboard settings: defaults that fit a 2-minute spot notice, configuration that reaches the host
/// and Orleans, and start-up failures naming the key for values that cannot work.
/// </summary>
public sealed class HostOptionsTests
{
    [Fact]
    public void The_shutdown_budget_becomes_the_host_shutdown_timeout_and_the_grain_deactivation_timeout_is_orleans()
    {
        var services = Services(("Shutdown:Budget", "00:01:30"), ("Shutdown:GrainDeactivationTimeout", "00:00:25"));

        Assert.Equal(TimeSpan.FromSeconds(90), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.DeactivationTimeout);
    }

    [Fact]
    public void By_default_the_budget_is_75_s_and_a_grain_gets_20_s_to_deactivate()
    {
        var services = Services();

        Assert.Equal(TimeSpan.FromSeconds(75), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.DeactivationTimeout);
    }

    [Theory]
    [InlineData("00:00:00", "00:00:10", "Shutdown:Budget")]
    [InlineData("00:02:00", "00:00:10", "Shutdown:Budget")]
    [InlineData("00:01:00", "00:01:00", "Shutdown:GrainDeactivationTimeout")]
    public void A_budget_that_cannot_fit_a_spot_notice_is_refused_naming_its_key(string budget, string deactivation, string key)
    {
        var services = Services(("Shutdown:Budget", budget), ("Shutdown:GrainDeactivationTimeout", deactivation));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GracefulShutdownOptions>>().Value);
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("Shutdown:SpotInterruption:PollInterval", "00:00:00", "PollInterval")]
    [InlineData("Shutdown:SpotInterruption:Url", "ftp://169.254.169.254/notice", "Url")]
    public void A_spot_watcher_setting_that_cannot_work_is_refused_naming_its_key(string key, string value, string message)
    {
        var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SpotInterruptionOptions>>().Value);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Trace_and_grain_state_views_are_off_and_the_dashboard_is_loopback_only_by_default()
    {
        var options = new ConfigurationBuilder().Build().ReadDashboardOptions();

        Assert.True(options.Enabled);
        Assert.False(options.ShowTrace);
        Assert.False(options.ShowGrainState);
        Assert.False(options.HasCredentials);
        Assert.Equal(8081, options.Port);
        Assert.False(options.IsExposed);
    }

    [Theory]
    [InlineData("operator", null, "Dashboard:Username and Dashboard:PasswordHash")]
    [InlineData(null, "x", "Dashboard:Username and Dashboard:PasswordHash")]
    [InlineData("operator", "the-password-itself", "Dashboard:PasswordHash is not a password hash")]
    public void Dashboard_credentials_must_be_a_user_name_and_a_password_hash(string? username, string? hash, string message)
    {
        var options = new OperatorDashboardOptions { Username = username, PasswordHash = hash };

        var result = new OperatorDashboardOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Theory]
    [InlineData(false, true, "dashboard.example.org", "Dashboard:Username")]
    [InlineData(true, false, "dashboard.example.org", "Dashboard:CertificatePath")]
    [InlineData(true, true, null, "Dashboard:AllowedHosts")]
    public void A_dashboard_exposed_beyond_loopback_needs_the_login_https_and_its_host_names(bool login, bool https, string? host, string missing)
    {
        var directory = Directory.CreateTempSubdirectory("actors-dashboard-").FullName;
        try
        {
            using var certificate = Actors.Security.Development.DevCertificates.Issue(Actors.Security.Development.DevCertificates.CreateAuthority(), "dashboard.example.org", server: true, client: false);
            var (certificatePath, keyPath) = Actors.Security.Development.DevCertificates.WritePair(directory, "dashboard", certificate);
            var options = new OperatorDashboardOptions
            {
                ListenAddress = "0.0.0.0",
                Username = login ? "operator" : null,
                PasswordHash = login ? OperatorPassword.Hash("pw") : null,
                CertificatePath = https ? certificatePath : null,
                KeyPath = https ? keyPath : null,
                AllowedHosts = host is null ? [] : [host],
            };

            var result = new OperatorDashboardOptionsValidator().Validate(null, options);

            Assert.True(options.IsExposed);
            Assert.True(result.Failed);
            Assert.Contains(missing, result.FailureMessage);
            options.Username ??= "operator";
            options.PasswordHash ??= OperatorPassword.Hash("pw");
            (options.CertificatePath, options.KeyPath) = (certificatePath, keyPath);
            options.AllowedHosts = ["dashboard.example.org"];
            Assert.True(new OperatorDashboardOptionsValidator().Validate(null, options).Succeeded);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_password_hash_verifies_its_password_only_and_is_accepted_as_credentials()
    {
        var hash = OperatorPassword.Hash("correct horse battery staple");

        Assert.True(OperatorPassword.Verify(hash, "correct horse battery staple"));
        Assert.False(OperatorPassword.Verify(hash, "correct horse battery"));
        Assert.DoesNotContain("correct", hash, StringComparison.Ordinal);
        Assert.True(new OperatorDashboardOptionsValidator().Validate(null, new OperatorDashboardOptions { Username = "operator", PasswordHash = hash }).Succeeded);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGracefulShutdown();
        return services.BuildServiceProvider();
    }
}
