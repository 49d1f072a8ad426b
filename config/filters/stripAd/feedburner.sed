# orrery's stripAd/feedburner.sed (Venus's filter of the same name, written anew): removes
# every FeedBurner ad paragraph, a link to HOST/~a/ID?a=ID around an image from HOST/~a/…?i=ID.
s#<p><a href="https\{0,1\}://[-A-Za-z0-9.]*/~a/[A-Za-z0-9]*?a=[A-Za-z0-9]*"><img border="0" src="https\{0,1\}://[-A-Za-z0-9.]*/~a/[A-Za-z0-9/]*?i=[A-Za-z0-9]*" \{0,1\}/></a></p>##g
