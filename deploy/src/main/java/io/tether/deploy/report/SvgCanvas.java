package io.tether.deploy.report;

import java.awt.Color;
import java.util.Locale;

/** An SVG document built as text. */
final class SvgCanvas implements Canvas {
  private final StringBuilder svg = new StringBuilder();
  private final int width;
  private final int height;

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  private static String rgb(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color color, float w) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
        x1, y1, x2, y2, rgb(color), w));
  }

  @Override
  public void dot(double x, double y, double r, Color color) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n",
        x, y, r, rgb(color)));
  }

  @Override
  public void text(double x, double y, String s, Color color, int size, int anchor) {
    String a = anchor < 0 ? "start" : anchor == 0 ? "middle" : "end";
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"%d\" fill=\"%s\""
            + " text-anchor=\"%s\">%s</text>%n", x, y, size, rgb(color), a, escape(s)));
  }

  @Override
  public void verticalText(double x, double y, String s, Color color, int size) {
    svg.append(String.format(Locale.ROOT,
        "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-family=\"sans-serif\""
            + " font-size=\"%d\" fill=\"%s\" text-anchor=\"middle\">%s</text>%n",
        x, y, size, rgb(color), escape(s)));
  }

  String document() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + svg + "</svg>\n";
  }
}
