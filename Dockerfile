# The Multica server as a production image.
#
#   docker build -t multica-server .
#   docker run --rm -e DATABASE_URL=postgres://… multica-server --migrate   # apply migrations
#   docker run --rm multica-server --migrations-script > multica-schema.sql   # the idempotent SQL script
#   docker run -d -p 8080:8080 -e DATABASE_URL=… -e JWT_SECRET=… -e REDIS_URL=… multica-server
#
# The base images are build arguments: the official .NET images by default; where no registry is reachable,
# deploy/local-images.sh builds stand-ins and docs/containers.md shows the two --build-arg to use them.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files only, so source edits reuse the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Domain/Multica.Domain.csproj src/Domain/
COPY src/Application/Multica.Application.csproj src/Application/
COPY src/Infrastructure/Multica.Infrastructure.csproj src/Infrastructure/
COPY src/WebApi/Multica.WebApi.csproj src/WebApi/
RUN dotnet restore src/WebApi/Multica.WebApi.csproj
COPY src/ src/
RUN dotnet publish src/WebApi/Multica.WebApi.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app .
# DOTNET_TC_CallCountingDelayMs=0: the runtime setting run.sh and bench/run.sh take from scripts/lib/server-env.sh
# (docs/operations.md, "Runtime settings").
# Production by default: no development master code, JWT_SECRET required (the server refuses to start
# without it). Migrations run at start-up unless Database__MigrateOnStartup=false (the compose stack
# applies them once with "--migrate" and turns that off on its replicas).
# Uploaded files (the local storage) go to /data/uploads, owned by the non-root user below; the compose stack
# mounts one volume there for all replicas.
RUN mkdir -p /data/uploads && chown 1654:1654 /data/uploads
ENV APP_ENV=production \
    LOCAL_UPLOAD_DIR=/data/uploads \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_TC_CallCountingDelayMs=0
EXPOSE 8080
# The official images' non-root user (UID 1654).
USER 1654:1654
# Readiness (PostgreSQL and Redis answer) over plain bash: the runtime image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Multica.WebApi.dll"]
