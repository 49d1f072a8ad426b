<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's addsearch.xslt (Venus's output filter of the same name, written anew), for an
     XHTML page written by a template:
     - a "Search" heading and a form with one input named q at the end of div#sidebar;
     - an OpenSearch link in the head: titled after the page's alternate link ("TITLE search"),
       pointing at opensearchdescription.xml beside that link's target;
     - a comment inside each empty script element, so that it is never written <script/>;
     - the HTML5 doctype before the html element. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml">

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="/h:html">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;</xsl:text>
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:div[@id = 'sidebar']">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
      <h2>Search</h2>
      <form><input name="q"/></form>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:head">
    <xsl:variable name="alternate" select="h:link[@rel = 'alternate'][1]"/>
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
      <link rel="search" type="application/opensearchdescription+xml"
            title="{$alternate/@title} search">
        <xsl:attribute name="href">
          <xsl:call-template name="directory-of">
            <xsl:with-param name="uri" select="string($alternate/@href)"/>
          </xsl:call-template>
          <xsl:text>opensearchdescription.xml</xsl:text>
        </xsl:attribute>
      </link>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:script[not(node())]">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:comment> </xsl:comment>
    </xsl:copy>
  </xsl:template>

  <!-- The URI up to and including its last '/' ("" without one). -->
  <xsl:template name="directory-of">
    <xsl:param name="uri"/>
    <xsl:if test="contains($uri, '/')">
      <xsl:value-of select="concat(substring-before($uri, '/'), '/')"/>
      <xsl:call-template name="directory-of">
        <xsl:with-param name="uri" select="substring-after($uri, '/')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
