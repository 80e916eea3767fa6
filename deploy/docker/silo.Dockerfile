# The Orleans silo. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t actors-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY contracts/ contracts/
COPY grains/ grains/
COPY silo/ silo/
RUN dotnet publish silo/Actors.Silo/Actors.Silo.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Silo-to-silo, client gateway, HTTP (health, metrics, dashboard).
EXPOSE 11111 30000 8080
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=1
USER app
# SIGTERM starts the graceful shutdown; Kubernetes' terminationGracePeriodSeconds must exceed its budget.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Actors.Silo.dll"]
