<?xml version="1.0" encoding="utf-8"?>
<!-- Stargazer's summary page: one row per subscription with its latest post. The source rows
     come from lib/sources.xsl (xsl:include), the date and name helpers from lib/format.xsl
     (xsl:import, so this file may override them). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:planet="http://planet.intertwingly.net/"
                exclude-result-prefixes="atom planet">
  <xsl:import href="lib/format.xsl"/>
  <xsl:include href="lib/sources.xsl"/>

  <xsl:output method="html" encoding="utf-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <!-- template options: [summary.html.xslt] and the operator's own [Planet] keys -->
  <xsl:param name="heading" select="'Subscriptions'"/>
  <xsl:param name="tagline"/>
  <xsl:param name="missing" select="'(a param nobody sets)'"/>

  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="atom:title"/>: <xsl:value-of select="$heading"/></title>
      </head>
      <body>
        <h1><xsl:value-of select="$heading"/></h1>
        <p class="tagline"><xsl:value-of select="$tagline"/> <xsl:value-of select="$missing"/></p>
        <p class="owner">
          <xsl:value-of select="atom:author/atom:name"/>
          <xsl:if test="atom:author/atom:email"> (<xsl:value-of select="atom:author/atom:email"/>)</xsl:if>
        </p>
        <table>
          <tr><th>Feed</th><th>Format</th><th>Posts</th><th>Latest</th><th>Notes</th></tr>
          <xsl:apply-templates select="planet:source">
            <xsl:sort select="planet:name"/>
          </xsl:apply-templates>
        </table>
        <p class="count"><xsl:value-of select="count(atom:entry)"/> entries from
          <xsl:value-of select="count(planet:source)"/> subscriptions.</p>
      </body>
    </html>
  </xsl:template>

  <!-- overrides the imported helper: names in bold -->
  <xsl:template name="feed-name">
    <b><xsl:value-of select="planet:name"/></b>
  </xsl:template>
</xsl:stylesheet>
