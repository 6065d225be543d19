# Multi-stage build of the web app: a Node image fetches the client libraries (Leaflet) from npm, the SDK image compiles
# and publishes, the ASP.NET runtime image runs. Build context is the repository root (see .dockerignore).
FROM node:20-bookworm-slim AS assets
WORKDIR /src/src/Outreach.Web
COPY src/Outreach.Web/package.json src/Outreach.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# With node_modules/leaflet in place the build only copies Leaflet's files to wwwroot/lib (see Outreach.Web.csproj).
COPY --from=assets /src/src/Outreach.Web/node_modules src/Outreach.Web/node_modules
# Compiled ahead of time for the image's architecture (ReadyToRun): a restarted server answers its first busy minutes
# with optimized code instead of compiling the planner and the pages as families arrive (`outreach bench load` on
# such a build: the first booking phase's p95 271-344 ms instead of 531-589, SQLite; 366-379 instead of 513-603, PostgreSQL).
ARG TARGETARCH=amd64
RUN dotnet publish src/Outreach.Web/Outreach.Web.csproj -c Release -a $TARGETARCH --self-contained false -p:PublishReadyToRun=true -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# DejaVu Sans for the PDF route sheets (every Vietnamese letter and tone mark); fonts are not committed.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
# The map areas stations point at (roads, outlines, units; OpenStreetMap ODbL and dvhcvn, see maps/*/SOURCES.md):
# travel times, route maps and the demo stations need them.
COPY --from=build /src/maps /app/maps
# Sign-in keys (and the SQLite file when no PostgreSQL is configured) live here; compose mounts a volume.
RUN mkdir -p /app/data && chown app:app /app/data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Outreach__DataFolder=/app/data \
    Outreach__MapsFolder=/app/maps
EXPOSE 8080
ENTRYPOINT ["dotnet", "Outreach.Web.dll"]
