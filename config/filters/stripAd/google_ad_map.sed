# orrery's stripAd/google_ad_map.sed (Venus's filter of the same name, written anew): removes a
# Google ad image map paragraph, from its opening <p><map name="google_ad_map… to the last </p>
# on that line.
s#<p><map name="google_ad_map.*</p>##
