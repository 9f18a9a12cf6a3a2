package io.tether.deploy.report;

import java.awt.Color;

/** The few drawing operations the plots need, rendered to PNG or SVG. */
interface Canvas {
  void line(double x1, double y1, double x2, double y2, Color color, float width);

  void dot(double x, double y, double radius, Color color);

  /** Text at (x, y) baseline; {@code anchor} -1 left, 0 centre, 1 right. */
  void text(double x, double y, String s, Color color, int size, int anchor);

  /** Text rotated 90 degrees anticlockwise, centred on (x, y). */
  void verticalText(double x, double y, String s, Color color, int size);
}
