using System.Net;
using Actors.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Actors.Silo.Tests;

/// <summary>The silo's configuration: defaults for a local run, clear failures for what is missing or malformed.</summary>
public sealed class SiloSettingsTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=54329;Username=postgres;Database=actors";

    [Fact]
    public void A_missing_connection_string_is_reported_with_its_environment_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ActorsSiloSettings.FromConfiguration(Configuration()));

        Assert.Contains("ConnectionStrings:Actors", error.Message);
        Assert.Contains("ConnectionStrings__Actors", error.Message);
    }

    [Fact]
    public void Only_the_connection_string_is_required()
    {
        var settings = ActorsSiloSettings.FromConfiguration(Configuration(("ConnectionStrings:Actors", ConnectionString)));

        Assert.Equal(ConnectionString, settings.ConnectionString);
        Assert.Equal("actors-local", settings.ClusterId);
        Assert.Equal(11111, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal(8080, settings.HttpPort);
        Assert.Equal(IPAddress.Loopback, settings.AdvertisedIPAddress);
    }

    [Fact]
    public void Orleans_keys_override_the_defaults()
    {
        var settings = ActorsSiloSettings.FromConfiguration(Configuration(
            ("ConnectionStrings:Actors", ConnectionString),
            ("Orleans:ClusterId", "prod"),
            ("Orleans:ServiceId", "classrooms"),
            ("Orleans:Endpoints:SiloPort", "12000"),
            ("Orleans:Endpoints:GatewayPort", "31000"),
            ("Orleans:Endpoints:HttpPort", "9000"),
            ("Orleans:Endpoints:AdvertisedIPAddress", "10.0.0.7")));

        Assert.Equal(("prod", "classrooms", 12000, 31000, 9000), (settings.ClusterId, settings.ServiceId, settings.SiloPort, settings.GatewayPort, settings.HttpPort));
        Assert.Equal(IPAddress.Parse("10.0.0.7"), settings.AdvertisedIPAddress);
    }

    [Theory]
    [InlineData("Orleans:Endpoints:SiloPort", "eleven")]
    [InlineData("Orleans:Endpoints:GatewayPort", "70000")]
    [InlineData("Orleans:Endpoints:HttpPort", "0")]
    [InlineData("Orleans:Endpoints:AdvertisedIPAddress", "silo-1.local")]
    [InlineData("ConnectionStrings:Actors", "Host=x;NoSuchKeyword=1")]
    public void A_malformed_value_is_reported_with_its_key(string key, string value)
    {
        var configuration = key == "ConnectionStrings:Actors"
            ? Configuration((key, value))
            : Configuration(("ConnectionStrings:Actors", ConnectionString), (key, value));

        var error = Assert.Throws<InvalidOperationException>(() => ActorsSiloSettings.FromConfiguration(configuration));

        Assert.Contains(key, error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
