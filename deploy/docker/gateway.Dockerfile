# The gRPC gateway. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t actors-gateway .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY contracts/ contracts/
COPY security/ security/
COPY silo/Actors.Clustering.CockroachDb/ silo/Actors.Clustering.CockroachDb/
COPY silo/Actors.Persistence.CockroachDb/ silo/Actors.Persistence.CockroachDb/
COPY gateway/ gateway/
RUN dotnet publish gateway/Actors.Gateway/Actors.Gateway.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# h2c gRPC, and HTTP/1.1 for gRPC-Web, health and metrics. The gateway listens on loopback unless told otherwise.
EXPOSE 5080 5081
ENV Gateway__ListenAddress=0.0.0.0 \
    Gateway__GrpcPort=5080 \
    Gateway__HttpPort=5081
USER app
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Actors.Gateway.dll"]
