# syntax=docker/dockerfile:1
# Concurrency Dashboard: multi-stage build.
#   docker build -t concurrency-dashboard .
#   docker run -p 127.0.0.1:8080:8080 -v dashboard-data:/data concurrency-dashboard
#   then open the login link it prints on the console (`docker logs`: "Login: http://localhost:8080/login?t=...";
#   never in the log file under /data/logs); set Auth__Token (16+ characters, 8+ different) to keep
#   one token across restarts: a new one ends every older sign-in. Sign-in keys (Data Protection)
#   persist under /data/keys; the app keeps /data owner-only (0700, files 0600).
# Runs are stored in SQLite under /data unless Storage__Provider=postgres (see docker-compose.yml).

# ---- build: the .NET 10 SDK -------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# gcc links the Native AOT worker (src/Dashboard.Worker/NativeWorker.targets): worker processes
# then start in ~5-10 ms instead of ~100 ms. Without it the app still works with `dotnet exec` workers.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*

# Restore from the project files alone first, so this layer (and the package download) is
# reused until a csproj or the central package versions change. A new project the Web app
# references needs its csproj listed here too.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Dashboard.Engine/Dashboard.Engine.csproj src/Dashboard.Engine/
COPY src/Dashboard.Worker/Dashboard.Worker.csproj src/Dashboard.Worker/NativeWorker.targets src/Dashboard.Worker/
COPY src/Dashboard.Cluster/Dashboard.Cluster.csproj src/Dashboard.Cluster/
COPY src/Dashboard.Node/Dashboard.Node.csproj src/Dashboard.Node/
COPY src/Dashboard.Web/Dashboard.Web.csproj src/Dashboard.Web/
RUN dotnet restore src/Dashboard.Web/Dashboard.Web.csproj

# Then the sources (src/ and wwwroot-assets/, which the Web project publishes next to the app;
# .dockerignore keeps tests, bin/obj and local data out).
COPY . .
# The Web project references the Worker, so Dashboard.Worker.dll lands in /app next to the app,
# and its native build in /app/worker-native/ (needs only glibc at run time).
RUN dotnet publish src/Dashboard.Web -c Release -o /app --no-restore \
    && test -f /app/Dashboard.Worker.dll \
    && test -f /app/Dashboard.Node.dll \
    && test -x /app/worker-native/Dashboard.Worker \
    && test -f /app/twins/runner.py

# ---- runtime: ASP.NET Core 10 ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# libgmp10: the power workload's GMP engine (P/Invoke to libgmp.so.10); without it the app falls
# back to managed BigInteger. curl: the HEALTHCHECK below (the aspnet image has neither curl nor wget).
# python3 and the tutorial's libraries: the Python twins (runtime "python" or "both"), which the
# publish copies to /app/twins/.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgmp10 curl \
       python3 python3-requests python3-aiohttp python3-aiofiles python3-bs4 \
    && rm -rf /var/lib/apt/lists/*

# The image's non-root user ("app", uid $APP_UID = 1654) owns the data folder.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data

ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Dashboard__DataDirectory=/data \
    Storage__Provider=sqlite \
    Auth__Mode=Token \
    MALLOC_ARENA_MAX=2

WORKDIR /app
COPY --from=build --chown=root:root /app ./

USER $APP_UID
EXPOSE 8080

# Follows ASPNETCORE_HTTP_PORTS if it is overridden (first port of a "8080;8081" list).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD port="${ASPNETCORE_HTTP_PORTS%%;*}"; curl -fsS "http://127.0.0.1:${port:-8080}/healthz" > /dev/null || exit 1

# The same image runs a lab node (docker-compose.yml's `node` service): entrypoint dotnet Dashboard.Node.dll.
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
