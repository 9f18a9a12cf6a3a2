package io.tether.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/** A Java2D canvas over an RGB image with a white background. */
final class PngCanvas implements Canvas {
  final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(int width, int height) {
    System.setProperty("java.awt.headless", "true");
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void dot(double x, double y, double radius, Color color) {
    g.setColor(color);
    g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
  }

  @Override
  public void text(double x, double y, String s, Color color, int size, int anchor) {
    g.setColor(color);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    int w = g.getFontMetrics().stringWidth(s);
    g.drawString(s, (float) (x - (anchor + 1) * w / 2.0), (float) y);
  }

  @Override
  public void verticalText(double x, double y, String s, Color color, int size) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    text(0, 0, s, color, size, 0);
    g.setTransform(saved);
  }
}
