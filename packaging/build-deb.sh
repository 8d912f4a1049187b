#!/usr/bin/env bash
# Stages one Debian package from the release build and assembles it with dpkg-deb:
#   packaging/build-deb.sh PACKAGE VERSION ARCH BUILD_DIR STAGE_DIR OUT_DIR MAINTAINER [COMPRESSION]
# PACKAGE is skylt (the player) or skylt-studio. The binary comes from BUILD_DIR, so a
# package can be made from a build done elsewhere; nothing is compiled here.
set -euo pipefail
umask 022

package=$1 version=$2 arch=$3 maintainer=$7
# dpkg-deb's compression options: xz by default (smallest); a test may trade size for time.
read -r -a compression <<< "${8:--Zxz}"
build=$(realpath -m "$4") stage=$(realpath -m "$5") out=$(realpath -m "$6")
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
root=$stage/$package
doc=$root/usr/share/doc/$package

[ -x "$build/$package" ] || { echo "$build/$package is missing: run make release first" >&2; exit 1; }
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$doc" "$out"

# The binary, stripped, and its unit with the package's path (one unit file in systemd/).
install -D -s -m 0755 "$build/$package" "$root/usr/bin/$package"
mkdir -p "$root/lib/systemd/system"
sed 's|/usr/local/bin/|/usr/bin/|g' "$top/systemd/$package.service" > "$root/lib/systemd/system/$package.service"
chmod 0644 "$root/lib/systemd/system/$package.service"

if [ "$package" = skylt ]; then
    install -D -m 0644 "$here/skylt/config.json" "$root/etc/skylt/config.json"
    install -D -m 0644 "$top/Assets/config.example.json" "$doc/examples/config.example.json"
    # The feeds service's unit (not enabled: kiosks do not run it), its example and schema.
    sed 's|/usr/local/bin/|/usr/bin/|g' "$top/systemd/skylt-feeds.service" > "$root/lib/systemd/system/skylt-feeds.service"
    chmod 0644 "$root/lib/systemd/system/skylt-feeds.service"
    install -D -m 0644 "$top/feeds/example.json" "$doc/examples/feeds.example.json"
    install -D -m 0644 "$top/feeds/feeds.schema.json" "$doc/examples/feeds.schema.json"
    mkdir -p "$root/usr/share/skylt/Playlists"
    cp -R "$top/Playlists/demo" "$root/usr/share/skylt/Playlists/"
    find "$root/usr/share/skylt" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
fi

install -m 0644 "$here/copyright" "$doc/copyright"
mkdir -p "$root/usr/share/man/man1"
gzip -9n < "$here/man/$package.1" > "$root/usr/share/man/man1/$package.1.gz"
chmod 0644 "$root/usr/share/man/man1/$package.1.gz"
# A build of another version (DEB_VERSION=…) gets its own entry on top.
changelog=$(cat "$here/changelog")
if [ "$(head -n 1 "$here/changelog" | sed -n 's/^skylt (\([^)]*\)).*/\1/p')" != "$version" ]; then
    changelog="skylt ($version) bookworm; urgency=medium

  * Build of version $version.

 -- $maintainer  $(date -R)

$changelog"
fi
printf '%s\n' "$changelog" | gzip -9n > "$doc/changelog.Debian.gz"
chmod 0644 "$doc/changelog.Debian.gz"

# The shared libraries the binary links, as Debian package names with versions.
shlibs_dir=$(mktemp -d)
trap 'rm -rf "$shlibs_dir"' EXIT
mkdir "$shlibs_dir/debian"
printf 'Source: skylt\n\nPackage: %s\nArchitecture: any\n' "$package" > "$shlibs_dir/debian/control"
shlibs=$(cd "$shlibs_dir" && dpkg-shlibdeps -O --warnings=1 -e"$root/usr/bin/$package" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "dpkg-shlibdeps found no libraries for $package" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$size|" -e "s|@SHLIBS@|$shlibs|" "$here/$package/control" > "$root/DEBIAN/control"
for script in postinst prerm postrm; do
    install -m 0755 "$here/$package/$script" "$root/DEBIAN/$script"
done
[ -e "$here/$package/conffiles" ] && install -m 0644 "$here/$package/conffiles" "$root/DEBIAN/conffiles"
# md5sums leaves the conffiles out, as dh_md5sums does: dpkg keeps their checksums itself (in its
# status file), and a kiosk's edited config.json is not a damaged file.
conffiles=""
[ -e "$root/DEBIAN/conffiles" ] && conffiles=$(awk '{ print substr($NF, 2) }' "$root/DEBIAN/conffiles")
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) |
    awk -v conffiles="$conffiles" '
        BEGIN { count = split(conffiles, names, "\n"); for (i = 1; i <= count; i++) excluded[names[i]] = 1 }
        !(substr($0, 35) in excluded)' > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

dpkg-deb --root-owner-group "${compression[@]}" --build "$root" "$out/${package}_${version}_${arch}.deb"
