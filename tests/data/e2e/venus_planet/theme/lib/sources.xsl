<?xml version="1.0" encoding="utf-8"?>
<!-- One table row per planet:source; included by summary.html.xslt. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:planet="http://planet.intertwingly.net/"
                exclude-result-prefixes="atom planet">
  <xsl:template match="planet:source">
    <xsl:variable name="id" select="atom:id"/>
    <xsl:variable name="posts" select="/atom:feed/atom:entry[atom:source/atom:id = $id]"/>
    <tr id="{planet:css-id}">
      <xsl:if test="planet:message">
        <xsl:attribute name="class">failing</xsl:attribute>
      </xsl:if>
      <td>
        <a href="{atom:link[@rel='alternate']/@href}" title="{atom:title}">
          <xsl:call-template name="feed-name"/>
        </a>
      </td>
      <td><xsl:value-of select="planet:format"/><xsl:if test="planet:bozo = 'true'"> (bozo)</xsl:if></td>
      <td><xsl:value-of select="count($posts)"/></td>
      <td>
        <xsl:for-each select="$posts[1]">
          <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>,
          <xsl:call-template name="day">
            <xsl:with-param name="updated" select="atom:updated"/>
          </xsl:call-template>
          <xsl:if test="planet:excerpt">
            <div class="excerpt"><xsl:copy-of select="planet:excerpt/node()"/></div>
          </xsl:if>
        </xsl:for-each>
      </td>
      <td>
        <xsl:value-of select="planet:message"/>
        <xsl:for-each select="planet:filters | planet:exclude | planet:ignore_in_feed | planet:title_type">
          <xsl:text> </xsl:text><xsl:value-of select="local-name()"/>=<xsl:value-of select="."/>
        </xsl:for-each>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
