using Actors.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddActorsSilo();

var app = builder.Build();

// Health endpoints and the Orleans dashboard are mapped here by later work.
app.Run();
