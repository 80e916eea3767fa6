using Actors.Silo.Dashboard;
using Actors.Silo.Hosting;

if (OperatorPassword.TryRunHashCommand(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddActorsSilo();

var app = builder.Build();
app.MapActorsSilo();
app.Run();
