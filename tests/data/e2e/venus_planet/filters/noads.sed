# Removes the ad paragraph the feeds carry (escaped in html content, literal in xhtml).
s/&lt;p class="ad"&gt;[^&]*&lt;\/p&gt;//g
s/<p class="ad">[^<]*<\/p>//g
