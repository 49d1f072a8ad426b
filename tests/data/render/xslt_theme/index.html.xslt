<?xml version="1.0" encoding="utf-8"?>
<!-- orrery's own test theme: subscriptions from planet:source, each with its entries grouped by
     atom:source/atom:id, a template option as a parameter, and an included file. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:planet="http://planet.intertwingly.net/"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="atom planet">
  <xsl:include href="entries.xslt"/>
  <xsl:output method="xml" indent="no" encoding="utf-8"
              doctype-public="-//W3C//DTD XHTML 1.0 Strict//EN"
              doctype-system="http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"/>
  <xsl:param name="heading" select="'Subscriptions'"/>

  <xsl:template match="/atom:feed">
    <html>
      <head><title><xsl:value-of select="atom:title"/></title></head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p class="updated"><xsl:value-of select="atom:updated/@planet:format"/></p>
        <h2><xsl:value-of select="$heading"/></h2>
        <xsl:for-each select="planet:source">
          <xsl:sort select="planet:name"/>
          <xsl:variable name="id" select="atom:id"/>
          <div class="channel" id="{planet:css-id}">
            <h3>
              <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="planet:name"/></a>
              <xsl:if test="planet:message">
                <xsl:text> </xsl:text><em><xsl:value-of select="planet:message"/></em>
              </xsl:if>
            </h3>
            <xsl:apply-templates select="/atom:feed/atom:entry[atom:source/atom:id = $id]"/>
          </div>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
