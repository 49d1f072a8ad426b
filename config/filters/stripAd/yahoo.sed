# orrery's stripAd/yahoo.sed (Venus's filter of the same name, written anew): removes a Yahoo ad
# paragraph, marked by the comments begin(Yahoo ad) and end(Yahoo ad).
s#<p><!-- begin(Yahoo ad) -->.*<!-- end(Yahoo ad) --></p>##
