# The Orleans silo. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t actors-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY contracts/ contracts/
COPY security/ security/
COPY grains/ grains/
COPY silo/ silo/
RUN dotnet publish silo/Actors.Silo/Actors.Silo.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Silo-to-silo, client gateway, HTTP (health, metrics, dashboard with operator credentials).
EXPOSE 11111 30000 8080
ENV Orleans__Endpoints__HttpPort=8080 \
    DOTNET_gcServer=1
USER app
# SIGTERM starts the graceful shutdown (Shutdown__Budget, 75 s by default); Kubernetes' terminationGracePeriodSeconds
# must exceed it plus the preStop hook (deploy/kubernetes/silo.yaml, docs/operations.md).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Actors.Silo.dll"]
