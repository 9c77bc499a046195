# Shared by the bench scripts: unpack the built distribution into a temporary directory, move it to the given
# ports, lift the rate limits (measure the platform, not the limiter), start it and wait for /api/health.
# Sets $home (removed, after a stop, when the script exits) and $version. Usage: start_distribution HTTP SSH

stop_distribution() {
    "$home/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
        pgrep -f "karaf.base=$home" >/dev/null || break
        sleep 0.5
    done
    rm -rf "$home"
}

start_distribution() {
    local http=$1 ssh=$2
    version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
    local dist="karaf-distribution/target/pergola-distribution-${version}.tar.gz"
    [ -f "$dist" ] || { echo "no $dist: build first" >&2; exit 1; }
    home=$(mktemp -d)
    trap 'stop_distribution' EXIT
    tar xzf "$dist" -C "$home" --strip-components=1
    sed -i "s/^org.osgi.service.http.port = 8181/org.osgi.service.http.port = $http/" "$home/etc/org.ops4j.pax.web.cfg"
    sed -i "s/^sshPort = 8101/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
    printf 'anonymous.per.minute = 100000000\nauthenticated.per.minute = 100000000\nadmin.per.minute = 100000000\n' \
        > "$home/etc/dev.pergola.ratelimit.cfg"
    "$home/bin/start"
    for _ in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/api/health")" = 200 ] && return 0
        sleep 0.2
    done
    echo "Pergola did not become healthy on port $http" >&2
    exit 1
}
